"""diagram"""
